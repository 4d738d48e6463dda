source "amazon-ebs" "app" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
}

build {
  name    = "pass_cloudwatch_agent"
  sources = ["source.amazon-ebs.app"]
  provisioner "shell" {
    inline = [
      "curl -fsSLo /tmp/cw.deb https://amazoncloudwatch-agent.s3.amazonaws.com/ubuntu/amd64/latest/amazon-cloudwatch-agent.deb",
      "sudo dpkg -i -E /tmp/cw.deb",
    ]
  }
}

build {
  name    = "pass_node_exporter_package"
  sources = ["source.amazon-ebs.app"]
  provisioner "shell" {
    inline = ["sudo apt-get install -y prometheus-node-exporter"]
  }
}

build {
  name    = "fail_no_agent"
  sources = ["source.amazon-ebs.app"]
  provisioner "shell" {
    inline = ["sudo apt-get install -y nginx", "sudo systemctl enable nginx"]
  }
}

# Installing the agent on the machine running Packer puts nothing in the image.
build {
  name    = "fail_agent_only_local"
  sources = ["source.amazon-ebs.app"]
  provisioner "shell-local" {
    inline = ["brew install node_exporter"]
  }
}

# Windows: the agent is installed by PowerShell.
build {
  name    = "pass_windows_powershell"
  sources = ["source.amazon-ebs.app"]
  provisioner "powershell" {
    inline = ["msiexec /i https://s3.amazonaws.com/amazoncloudwatch-agent/windows/amd64/latest/amazon-cloudwatch-agent.msi /qn"]
  }
}
