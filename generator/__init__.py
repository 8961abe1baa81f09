"""Good Practice Transfer Portal generator.

The pipeline, top to bottom: load -> validate -> model -> render -> write -> build.
See `pipeline.py` for the order and `cli.py` for the commands.
"""

__version__ = "0.1.0"
