"""A paper list's README: reading and writing the file, and the list inside it as text.

Everything but the file's reading and writing (`files`) and the parse cache (`parse_cache`)
is pure, so that `add`, `expand` and `check` can be tested byte for byte; nothing here imports
the network stack, so that `check` runs in a pre-commit hook and `--help` starts fast. Import
from the submodules: this package re-exports nothing.
"""
