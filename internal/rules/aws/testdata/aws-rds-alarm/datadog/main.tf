terraform {
  required_providers {
    datadog = {
      source  = "DataDog/datadog"
      version = "~> 3.40"
    }
  }
}

# Monitoring in Datadog counts as evidence as much as a CloudWatch alarm.
resource "aws_db_instance" "pass_datadog_monitor" {
  identifier        = "payments"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
}

resource "datadog_monitor" "payments_cpu" {
  name    = "payments database CPU"
  type    = "metric alert"
  message = "Database CPU high @pagerduty-payments"
  query   = "avg(last_10m):avg:aws.rds.cpuutilization{dbinstanceidentifier:${aws_db_instance.pass_datadog_monitor.identifier}} > 80"
}
