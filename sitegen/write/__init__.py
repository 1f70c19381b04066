"""Stage 5, write: the only code that touches output/, and only atomically."""

from sitegen.write.publish import Publication, Published, UnsafePath, publish

__all__ = ["Publication", "Published", "UnsafePath", "publish"]
