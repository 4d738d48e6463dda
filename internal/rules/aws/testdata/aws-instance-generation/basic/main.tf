resource "aws_instance" "fail_t2" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t2.micro"
}

resource "aws_instance" "pass_current" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "m7g.large"
}

resource "aws_db_instance" "fail_db_m4" {
  engine            = "postgres"
  instance_class    = "db.m4.large"
  allocated_storage = 20
}

resource "aws_db_instance" "pass_db_current" {
  engine            = "postgres"
  instance_class    = "db.r7g.large"
  allocated_storage = 20
}

resource "aws_launch_template" "fail_template_c4" {
  name_prefix   = "batch-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "c4.xlarge"
}
