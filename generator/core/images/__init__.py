"""Image derivatives for the gallery: resize, re-encode, strip metadata, cache by content.

MkDocs-free. Typical use:

    engine = ImageEngine(ImageSettings(), project_root / ".cache/images", progress=ProgressLine(log.info))
    found = check_image_path(content_root, bundle_dir, "images/panel.jpg", Where("crafts/x/index.md", "gallery.0.src"))
    future = engine.submit(found, where)            # when found is a Path
    result = future.result()                         # ImageResult or Problem
    result.publish(site_dir, "assets/images/")
    engine.prune(); engine.close()
"""
from .builder import BuildStats
from .cache import PruneReport
from .engine import ImageEngine
from .paths import check_image_path
from .progress import ProgressLine
from .rejection import ImageRejected, Where
from .result import DEFAULT_URL_PREFIX, Derivative, ImageResult
from .settings import PIPELINE_VERSION, ImageSettings, avif_available

__all__ = [
    "BuildStats", "DEFAULT_URL_PREFIX", "Derivative", "ImageEngine", "ImageRejected", "ImageResult",
    "ImageSettings", "PIPELINE_VERSION", "ProgressLine", "PruneReport", "Where", "avif_available",
    "check_image_path",
]
