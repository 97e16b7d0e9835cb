"""How a govdoc command stops on bad input: one line naming the problem on stderr, exit status 2."""

from __future__ import annotations

from typing import NoReturn

import typer


def fail(message: str) -> NoReturn:
    """Print ``error: message`` and exit with status 2."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=2)
