"""The bundled entities plugin (work in progress)."""
