"""Analysis: from Documents to the parts of a Brief, each step a small module."""
