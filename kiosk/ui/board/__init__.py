"""The hall's big-screen job board (S4): rolling job cards, header counts, notice ticker."""
