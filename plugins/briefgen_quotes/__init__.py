"""The bundled quotes plugin (work in progress)."""
