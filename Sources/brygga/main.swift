print("brygga")
