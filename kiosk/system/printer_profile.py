"""Printer profiles: one configured printer's paper, output and transport.

The doctor probes the printer through this, and the print worker sends through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.system.config import PrinterConfig
from printers.escpos_bytes import escpos_bytes, reset_bytes
from printers.pdf import default_printable_mm, render_pdf
from printers.raster import DOTS_58MM, render_image
from printers.tickets import Ticket
from printers.transports import (
    CupsTransport,
    DeviceTransport,
    EscposSerialTransport,
    EscposUsbTransport,
    FileTransport,
    NetworkTransport,
    Transport,
)


@dataclass(frozen=True, slots=True)
class PrinterProfile:
    """One printer: how wide its paper is, what it takes, and how to reach it."""

    name: str
    transport: Transport
    width_dots: int = DOTS_58MM
    paper_mm: float = 58
    output: str = "escpos"  # "escpos" (raster .bin) or "pdf"
    cut: bool = True
    printable_mm: float = 0  # the head's printable width; 0: the roll's usual (48 of 58 mm)

    @property
    def printable_width_mm(self) -> float:
        return self.printable_mm or default_printable_mm(self.paper_mm)

    def render(self, ticket: Ticket) -> tuple[bytes, str]:
        if self.output == "pdf":
            return render_pdf(ticket, self.paper_mm, self.printable_width_mm), ".pdf"
        return escpos_bytes(render_image(ticket, self.width_dots), self.width_dots,
                            cut=self.cut), ".bin"

    def reset(self) -> bytes | None:
        """What brings this printer back to a clean start after a send cut short (ESC/POS
        only: a PDF goes whole to a spooler)."""
        if self.output == "pdf":
            return None
        return reset_bytes(self.width_dots, cut=self.cut)


def profile_from_config(printer: PrinterConfig, data_dir: Path) -> PrinterProfile:
    """The configured printer; a relative file-transport folder lives in the data dir."""
    return PrinterProfile(printer.name, _transport(printer, data_dir), printer.width_dots,
                          printer.paper_mm, printer.output, printer.cut,
                          printer.printable_mm)


def _transport(printer: PrinterConfig, data_dir: Path) -> Transport:
    opt = printer.option
    if printer.transport == "network":
        return NetworkTransport(str(opt("host", "")), int(opt("port", 9100)))
    if printer.transport == "usb":
        return EscposUsbTransport(int(str(opt("vendor_id", 0)), 0),
                                  int(str(opt("product_id", 0)), 0))
    if printer.transport == "serial":
        return EscposSerialTransport(str(opt("device", "/dev/ttyUSB0")),
                                     int(opt("baudrate", 9600)))
    if printer.transport == "device":
        return DeviceTransport(Path(str(opt("device", "/dev/usb/lp0"))))
    if printer.transport == "cups":
        return CupsTransport(str(opt("queue", "")))
    return FileTransport(data_dir / str(opt("directory", "prints")))
