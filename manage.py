#!/usr/bin/env python
"""Django's command-line utility; `danchu` is the same with dashes allowed in command names."""

from danchu.cli import main

if __name__ == "__main__":
    main()
