"""recognize: crops of single lines of text → their characters, each with its confidence.

PP-OCRv4's recognition model, as rapidocr-onnxruntime ships it in its wheel (nothing is downloaded).
Only recognition: the segments stage has found the lines already, cell by cell. The confidence of a
character is the model's probability for it at the place it was read (CTC), not the line's mean, so
one doubtful character in a long line still shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from ...model import InputError

EXTRA = "qingdan[ocr]"


def ocr_available() -> bool:
    try:
        import cv2  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def _recognizer(threads: int):
    try:
        import rapidocr_onnxruntime
        from rapidocr_onnxruntime.ch_ppocr_rec import TextRecognizer
        from rapidocr_onnxruntime.utils import read_yaml
    except ImportError:
        raise InputError(f"a scan needs OCR: install the extra {EXTRA}") from None
    root = Path(rapidocr_onnxruntime.__file__).parent
    config = read_yaml(str(root / "config.yaml"))["Rec"]
    config["model_path"] = str(root / config["model_path"])
    config["intra_op_num_threads"] = threads
    config["inter_op_num_threads"] = 1
    # a line at a time: a batch is padded to its widest line, which costs more time (and memory for
    # its activations: 530 MiB a process against 260) than batching saves
    config["rec_batch_num"] = 1
    recognizer = TextRecognizer(config)
    recognizer.postprocess_op = _WithAlternatives(recognizer.postprocess_op)
    return recognizer


class _WithAlternatives:
    """rapidocr's CTC decoding, keeping for each character read the model's next two choices at
    the step it was read (a word the first choice does not make, the second may)."""

    def __init__(self, decode):
        self.decode = decode

    def __call__(self, preds, return_word_box: bool = False, **kwargs):
        results = self.decode(preds, return_word_box, **kwargs)
        best = np.argpartition(-preds, 3, axis=2)[:, :, :3]
        characters = self.decode.character
        for b, (_, _, details) in enumerate(results):
            steps = [c for word in details[2] for c in word]
            ranked = [sorted(best[b, t], key=lambda i: -preds[b, t, i]) for t in steps]
            details.append([tuple(characters[i] for i in choices[1:] if i) for choices in ranked])
        return results


@dataclass(frozen=True)
class Reading:
    """What the model read in a crop: each character, its confidence and where its middle is
    (pixels from the crop's left: the CTC step it was read at)."""

    text: str
    confidences: tuple[float, ...]
    centers: tuple[float, ...]
    alternatives: tuple[tuple[str, ...], ...] = ()  # each character's next likeliest readings


_QUOTE_MARKS = frozenset("\"“”'‘’")
STRETCHES = (1.5, 2.0)  # a line with quote marks is read again this much wider


def _readings(crops: list[np.ndarray], threads: int) -> list[Reading]:
    import cv2

    images = [cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR) for crop in crops]
    results, _ = _recognizer(threads)(images, return_word_box=True)
    out = []
    for crop, (text, _, details) in zip(crops, results, strict=True):
        if not text:
            out.append(Reading("", (), ()))
            continue
        steps, _, columns, _, confidences, alternatives = details
        step = crop.shape[1] / steps
        centers = tuple((c + 0.5) * step for word in columns for c in word)
        n = len(text)
        out.append(Reading(text, tuple(float(c) for c in confidences[:n]), centers[:n], tuple(alternatives[:n])))
    return out


def _unquoted(text: str) -> str:
    return "".join(ch for ch in text if ch not in _QUOTE_MARKS)


def _same_but_marks(a: Reading, b: Reading, low: float) -> bool:
    """Whether two readings differ only in quote marks, and where one of them was unsure."""
    x, y = _unquoted(a.text), _unquoted(b.text)
    if len(x) != len(y):
        return False
    unsure = [c for c, ch in zip(a.confidences, a.text, strict=True) if ch not in _QUOTE_MARKS]
    wide = [c for c, ch in zip(b.confidences, b.text, strict=True) if ch not in _QUOTE_MARKS]
    return all(p == q or min(u, w) < low for p, q, u, w in zip(x, y, unsure, wide, strict=True))


def _kept(first: Reading, wide: Reading, stretch: float) -> Reading:
    """The wider reading, each character where the two read differently as unsure as the less
    sure of the two (neither reading is to be trusted there)."""
    others = iter([(ch, c) for ch, c in zip(first.text, first.confidences, strict=True) if ch not in _QUOTE_MARKS])
    confidences = []
    for ch, confidence in zip(wide.text, wide.confidences, strict=True):
        if ch not in _QUOTE_MARKS:
            other, sure = next(others)
            confidence = confidence if other == ch else min(confidence, sure)
        confidences.append(confidence)
    return Reading(wide.text, tuple(confidences), tuple(c / stretch for c in wide.centers), wide.alternatives)


def recognize(crops: list[np.ndarray], threads: int, low: float) -> list[Reading]:
    """What each crop (gray, one line, a margin of paper round) reads. Two quote marks side by
    side (”“) come out as one when the model sees them in one step: a line with a quote mark is
    read again stretched, and a reading with more quote marks that is otherwise the same (but
    where either was less sure than `low`) is the one kept."""
    import cv2

    if not crops:
        return []
    readings = _readings(crops, threads)
    again = [k for k, reading in enumerate(readings) if _QUOTE_MARKS.intersection(reading.text)]
    for stretch in STRETCHES if again else ():
        wider = [cv2.resize(crops[k], None, fx=stretch, fy=1.0, interpolation=cv2.INTER_CUBIC) for k in again]
        for k, wide in zip(again, _readings(wider, threads), strict=True):
            first = readings[k]
            more = sum(ch in _QUOTE_MARKS for ch in wide.text) > sum(ch in _QUOTE_MARKS for ch in first.text)
            if more and _same_but_marks(first, wide, low):
                readings[k] = _kept(first, wide, stretch)
    return readings
