"""cxaudit: customer-service processes as code, audited against best practice."""

__version__ = "0.1.0"
__all__ = ["__version__"]
