"""arxiv2entry: arXiv IDs and URLs in, awesome-list entries out."""

__version__ = "0.1.0"
