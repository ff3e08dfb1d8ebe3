"""Touch widgets shared by the terminal and counter windows (big targets, taps only)."""
