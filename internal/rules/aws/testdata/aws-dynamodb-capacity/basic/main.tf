resource "aws_dynamodb_table" "pass_on_demand" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_dynamodb_table" "fail_fixed" {
  name           = "carts"
  read_capacity  = 20
  write_capacity = 20
  hash_key       = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_dynamodb_table" "pass_autoscaled" {
  name           = "sessions"
  billing_mode   = "PROVISIONED"
  read_capacity  = 20
  write_capacity = 20
  hash_key       = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_appautoscaling_target" "sessions_read" {
  service_namespace  = "dynamodb"
  scalable_dimension = "dynamodb:table:ReadCapacityUnits"
  resource_id        = "table/${aws_dynamodb_table.pass_autoscaled.name}"
  min_capacity       = 20
  max_capacity       = 200
}

resource "aws_appautoscaling_target" "sessions_write" {
  service_namespace  = "dynamodb"
  scalable_dimension = "dynamodb:table:WriteCapacityUnits"
  resource_id        = "table/${aws_dynamodb_table.pass_autoscaled.name}"
  min_capacity       = 20
  max_capacity       = 200
}

resource "aws_dynamodb_table" "fail_reads_only" {
  name           = "rates"
  read_capacity  = 10
  write_capacity = 10
  hash_key       = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_appautoscaling_target" "rates_read" {
  service_namespace  = "dynamodb"
  scalable_dimension = "dynamodb:table:ReadCapacityUnits"
  resource_id        = "table/${aws_dynamodb_table.fail_reads_only.name}"
  min_capacity       = 10
  max_capacity       = 100
}
