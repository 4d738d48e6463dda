# Tags written in the resource: present, missing, misspelt, or with a
# value outside the classification scheme.
resource "aws_db_instance" "pass_confidential" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  tags = {
    team                = "orders"
    data-classification = "confidential"
  }
}

resource "aws_db_instance" "fail_no_tags" {
  identifier        = "scratch"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
}

resource "aws_db_instance" "fail_other_tags" {
  identifier        = "reports"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  tags = {
    team           = "reports"
    classification = "internal"
  }
}

resource "aws_db_instance" "fail_unknown_class" {
  identifier        = "ledger"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  tags = {
    data-classification = "top-secret"
  }
}
