"""Trade catalogue, translations and other data files shipped with the kiosk."""
