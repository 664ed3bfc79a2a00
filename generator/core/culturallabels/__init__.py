"""Local Contexts cultural labels (TK and BC): a registry in the repository, named by entries."""
from .registry import REGISTRY_PATH, CulturalLabel, Registry, labels_for, load_registry

__all__ = ["REGISTRY_PATH", "CulturalLabel", "Registry", "labels_for", "load_registry"]
