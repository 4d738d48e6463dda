resource "aws_db_instance" "pass_primary" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.m6g.large"
  allocated_storage   = 50
  username            = "orders"
  multi_az            = true
  skip_final_snapshot = true

  manage_master_user_password = true
}

# A read replica serves reads; availability comes from the source's standby.
# Its source is known only after apply, and it is still a replica.
resource "aws_db_instance" "skip_replica" {
  identifier          = "orders-read"
  instance_class      = "db.m6g.large"
  replicate_source_db = aws_db_instance.pass_primary.identifier
  skip_final_snapshot = true
}
