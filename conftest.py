"""Loads hcc's own pytest plugin for hcc's suite, after coverage has started.

The plugin is also registered as the ``pytest11`` entry point ``hcc`` (for users); pytest imports
entry-point plugins before pytest-cov starts measuring, and importing the plugin imports ``hcc``,
so every module-level line of hcc would count as missed. ``pyproject.toml`` disables the entry
point for this suite (``-p no:hcc``) and the plugin is loaded here instead.
"""

pytest_plugins = ["hcc.testing.pytest_plugin"]
