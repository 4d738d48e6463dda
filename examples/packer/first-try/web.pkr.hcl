# A first Packer template: it builds, but nothing pins what it builds from,
# the image is not encrypted and the provisioning is not checked.
source "amazon-ebs" "web" {
  region        = "eu-west-1"
  instance_type = "t3.small"
  ami_name      = "web"
  ssh_username  = "ubuntu"
  source_ami_filter {
    filters = {
      name = "ubuntu/images/*ubuntu-jammy-22.04-amd64-server-*"
    }
    most_recent = true
  }
}

build {
  sources = ["source.amazon-ebs.web"]

  provisioner "shell" {
    inline = [
      "sudo apt-get update",
      "sudo apt-get upgrade -y",
      "curl -fsSL https://get.example.com/agent.sh | sudo bash",
      "sudo apt-get install -y nginx",
    ]
  }
}
