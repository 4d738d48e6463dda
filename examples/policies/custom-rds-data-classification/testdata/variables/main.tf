# Tags through locals and variables: a value prodgrade can compute passes
# or fails; one only Terraform could know is unknown, never guessed.
variable "classification" {
  type    = string
  default = "restricted"
}

variable "tags" {
  type = map(string)
}

variable "class_without_default" {
  type = string
}

locals {
  tags = {
    team                = "payments"
    data-classification = var.classification
  }
}

resource "aws_db_instance" "pass_through_local" {
  identifier        = "payments"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  tags              = local.tags
}

resource "aws_db_instance" "unknown_tags_from_variable" {
  identifier        = "billing"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  tags              = var.tags
}

resource "aws_db_instance" "unknown_class_from_variable" {
  identifier        = "invoices"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  tags = {
    data-classification = var.class_without_default
  }
}

resource "aws_db_instance" "fail_class_from_local" {
  identifier        = "audit"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  tags              = merge(local.tags, { data-classification = "secret" })
}
