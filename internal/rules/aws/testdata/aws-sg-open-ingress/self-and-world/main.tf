# self = true adds the group itself as a source; the 0.0.0.0/0 written in the
# same rule still admits the whole internet.
resource "aws_security_group" "fail_self_and_world" {
  name        = "cluster"
  description = "cluster members, and by mistake everyone"
  ingress = [{
    description      = "members"
    from_port        = 0
    to_port          = 65535
    protocol         = "tcp"
    self             = true
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = []
    prefix_list_ids  = []
    security_groups  = []
  }]
}

resource "aws_security_group" "pass_self_only" {
  name        = "peers"
  description = "cluster members only"
  ingress {
    from_port = 0
    to_port   = 0
    protocol  = "-1"
    self      = true
  }
}
