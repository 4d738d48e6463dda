variable "password" {
  type      = string
  sensitive = true
}

variable "subnet_ids" {
  type = list(string)
}

resource "aws_db_instance" "this" {
  count                   = 1
  identifier              = "basic-db"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  username                = "app"
  password                = var.password
  backup_retention_period = 7
  storage_encrypted       = true
  skip_final_snapshot     = true
  tags = {
    subnets = join(",", var.subnet_ids)
  }
}

output "id" {
  value = aws_db_instance.this[0].identifier
}
