# No terraform block at all: state is a local file.
resource "aws_sqs_queue" "orders" {
  name = "orders"
}
