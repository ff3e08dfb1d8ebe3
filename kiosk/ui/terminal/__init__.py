"""The workers' touchscreen (the `terminal` role): one module per screen."""
