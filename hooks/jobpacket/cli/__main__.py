"""`python -m jobpacket.cli`: the same command as the `jobpacket` script."""

from . import main

main()
