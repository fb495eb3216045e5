"""danchu — the grassroots democracy platform."""

__version__ = "0.1.0"
