import ArgumentParser
import MadoguchiServer

print("x")
