"""Stage 5, write: the only code that touches output/, and only atomically."""

from sitegen.write.publish import Published, UnsafePath, discard_staging, publish

__all__ = ["Published", "UnsafePath", "discard_staging", "publish"]
