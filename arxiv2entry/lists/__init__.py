"""A paper list's README: reading and writing the file, and the list inside it as text.

The modules here know markdown lists, not papers: nothing imports the network stack, so that
`check` runs in a pre-commit hook and `--help` starts fast. Import from the submodules; this
package re-exports nothing.
"""
