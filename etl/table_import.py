"""Published statistics tables (placeholder)."""
def add_arguments(parser):
    parser.add_argument("file")

def command(args, inputs):
    return 1
