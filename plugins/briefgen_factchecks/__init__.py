"""The bundled factchecks plugin (work in progress)."""
