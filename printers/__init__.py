"""Ticket layouts and printer transports."""
