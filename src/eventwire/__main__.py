"""``python -m eventwire``: the command line. Also the file to hand ``spark-submit`` (it runs a path, not a
module), with an absolute import for that reason: see docs/scale-out.md."""

from eventwire.cli import main

if __name__ == "__main__":
    main()
