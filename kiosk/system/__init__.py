"""The machine around the app: configuration, logging, fonts, systemd notify, screen hours,
printer profiles and the doctor."""
