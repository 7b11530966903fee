"""The wizard's pages, one module per page."""
