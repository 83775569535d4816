"""jobpacket: one YAML profile in, a portfolio site and application packets out."""

__version__ = "0.1.0"
