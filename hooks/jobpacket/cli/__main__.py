"""`python -m jobpacket.cli`: the same command as the `jobpacket` script."""

from . import main

if __name__ == "__main__":  # importing this module (a test that imports every module) runs nothing
    main()
