resource "aws_db_instance" "pass_alarm_in_module" {
  identifier        = "catalog"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
}

module "alarm" {
  source = "./modules/alarm"
  db_id  = aws_db_instance.pass_alarm_in_module.identifier
}
