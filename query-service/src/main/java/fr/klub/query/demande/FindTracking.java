package fr.klub.query.demande;

record FindTracking(String token) {
}
