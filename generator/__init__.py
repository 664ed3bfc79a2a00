"""The archive's generator: the MkDocs plugin (plugin.py) around an MkDocs-free core (core/)."""

# The plugin's name in mkdocs.yml (its entry point).
PLUGIN_NAME = "shui-archive"
