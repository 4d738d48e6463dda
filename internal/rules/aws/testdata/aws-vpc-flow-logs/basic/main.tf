resource "aws_vpc" "pass_logged" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "main" {
  vpc_id               = aws_vpc.pass_logged.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::shop-flow-logs"
}

resource "aws_vpc" "fail_unlogged" {
  cidr_block = "10.1.0.0/16"
}
