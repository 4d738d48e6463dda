resource "aws_db_instance" "fail_expired_ca" {
  engine             = "postgres"
  instance_class     = "db.t3.medium"
  allocated_storage  = 20
  ca_cert_identifier = "rds-ca-2019"
}

resource "aws_db_instance" "pass_current_ca" {
  engine             = "postgres"
  instance_class     = "db.t3.medium"
  allocated_storage  = 20
  ca_cert_identifier = "rds-ca-rsa2048-g1"
}

resource "aws_db_instance" "skip_default" {
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
}
