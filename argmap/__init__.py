"""argmap: map the argument of an article as YAML, check it, render it."""

__version__ = "0.1.0"
