source "amazon-ebs" "app" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
}

build {
  name    = "fail_no_provisioner"
  sources = ["source.amazon-ebs.app"]
}

# "vector" inside another word is not the Vector agent.
build {
  name    = "fail_word_inside_another"
  sources = ["source.amazon-ebs.app"]
  provisioner "shell" {
    inline = ["sudo apt-get install -y libvectorscan5"]
  }
}

build {
  name    = "unknown_chef"
  sources = ["source.amazon-ebs.app"]
  provisioner "chef-solo" {
    cookbook_paths = ["cookbooks"]
    run_list       = ["recipe[app]"]
  }
}
