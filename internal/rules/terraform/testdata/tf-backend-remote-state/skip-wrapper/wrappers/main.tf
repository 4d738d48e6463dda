# terraform-aws-modules generate wrappers/ for Terragrunt to call with
# many instances; it is a module, not a root with a backend of its own.
variable "items" {
  type    = any
  default = {}
}

resource "aws_sqs_queue" "this" {
  for_each = var.items
  name     = each.key
}
