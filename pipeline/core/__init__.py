"""The shared core: what every reader's Document goes through, whatever its form — the numbered-item
grammar, list titles, cell line breaks, normalize, validate, departments, terms and the baseline."""
