from dyad.present.cli import main

main()
