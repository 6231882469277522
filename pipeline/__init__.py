"""qingdan: township duty lists (履职事项清单) rebuilt from their published text or PDF."""

from .outputs.readback import load

__all__ = ["load"]
