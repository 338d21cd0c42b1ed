namespace ETwinning.Collab.Crdt;
